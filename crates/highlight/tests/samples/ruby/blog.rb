# frozen_string_literal: true
require 'json'
require_relative 'lib/post'

module Blog
  # A post read from disk.
  class Post < Struct.new(:title, :date, :tags)
    attr_reader :slug
    DEFAULTS = { draft: false, tags: [] }.freeze

    def initialize(title, date = Time.now, **opts)
      super(title, date, opts.fetch(:tags, []))
      @slug = title.downcase.gsub(/[^a-z0-9]+/, '-')
      @@count ||= 0
      @@count += 1
    end

    def self.load(path)
      text = File.read(path)
      meta, body = text.split(/^---$/, 2)
      new(meta[/title: (.*)/, 1], Date.parse(meta[/date: (.*)/, 1]))
    rescue Errno::ENOENT => e
      warn "cannot read #{path}: #{e.message}"
      nil
    end

    def to_s = "#{title} (#{date.strftime('%Y-%m-%d')})"

    def <=>(other)
      date <=> other.date
    end

    def published?
      !tags.include?("draft") && date <= Time.now
    end
  end
end

posts = Dir.glob("content/**/*.md").map { |f| Blog::Post.load(f) }.compact
posts.sort.reverse.each_with_index do |post, i|
  puts format("%3d %s", i + 1, post)
end

words = %w[alpha beta gamma]
html = <<~HTML
  <ul>
    #{words.map { |w| "<li>#{w}</li>" }.join}
  </ul>
HTML
puts html if $DEBUG
total = posts.sum { _1.tags.size } * 1.5
case total
when 0..10 then puts :few
when Float::INFINITY then raise ArgumentError, 'too many'
else puts 'many'
end
x = posts.empty? ? 0x1F : 0b1010
